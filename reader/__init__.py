"""Reader: an offline news reader for comparing how outlets cover the same story.

The package root stays import-light: the GUI and the NLP pipeline are imported only when used.
"""

__version__ = "0.1.0"
