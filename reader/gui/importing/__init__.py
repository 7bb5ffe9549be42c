"""Importing from the window: the controller that runs each import in a child process
(`controller.py`, `process.py`) and the summary shown when it ends (`summary.py`).

The main window builds the controller itself (File > Import, drag and drop), so this feature
has no `attach`.
"""
