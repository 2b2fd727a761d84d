"""List sources: one thin module per official list, registered in ``registry``."""
