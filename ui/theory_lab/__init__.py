"""The Theory lab's sections and charts; pages/theory.py routes between the sections."""
