"""LKIP Dashboard core: everything the app and the command line do to data.

This package never imports streamlit; pages and the command line are thin shells over it.
"""

__version__ = "0.1.0"
