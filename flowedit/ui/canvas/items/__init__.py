"""Scene items: views of model objects, one file per item type. They hold only an id."""
