#!/usr/bin/env python3
"""Runs every test_*.py of this directory against the servers in RMI_SERVERS."""
import glob
import importlib
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import rmitest  # noqa: E402

for path in sorted(glob.glob(os.path.join(here, "test_*.py"))):
    importlib.import_module(os.path.basename(path)[:-3])
sys.exit(rmitest.run())
