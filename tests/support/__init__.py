"""Helpers shared by test modules: plain functions and constants, imported by name.

Fixtures stay in the conftest.py files (pytest finds them there); everything a test module imports lives
here, so no test imports a conftest.
"""
