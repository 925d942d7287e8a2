"""Built-in export formats. Each module registers its exporter when imported."""
