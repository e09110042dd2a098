"""Generic builtin stages. Each module registers its stages through the public hook."""
