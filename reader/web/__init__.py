"""Bringing articles in from the web: downloading pages (`fetch`), storing them (`importing`)
and following feeds (`feeds`). No Qt here; the window and the command line call `Library`.
"""
