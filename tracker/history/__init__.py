"""Change detection: fingerprints, field-level diffs, guards."""
