"""Helpers shared by test modules: plain functions and constants, imported by name.

Fixtures are offered by the conftest.py files (pytest finds them there); everything a test module imports lives
here, so no test imports a conftest. Fixtures that more than one folder offers are written once here
(staff.py) and imported by those folders' conftest.py.
"""
