"""Command-line tools, not part of the notebook API (``make lab`` and ``make clean`` run them).

python -m helpers.cli.labsetup     # JupyterLab settings, launch, stop
python -m helpers.cli.cleanup      # stop your lab servers whose kernel is gone (a terminal or a cell, also on a hub)
"""
