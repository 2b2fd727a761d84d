"""One router per area; tracker.api.app includes them all."""
