"""Searching in the window: the search bar (`bar.py`), the controller that searches as you type
(`controller.py`), the results list (`model.py`, `view.py`) and its dock (`panel.py`).

The main window builds these itself, first (it is a search window before anything else), so
this feature has no `attach`.
"""
