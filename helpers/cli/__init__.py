"""Command-line tools, not part of the notebook API (``make lab`` and ``make clean`` run them).

python -m helpers.cli.labsetup     # JupyterLab settings, launch, stop
python -m helpers.cli.cleanup      # kill servers whose kernel is gone
"""
