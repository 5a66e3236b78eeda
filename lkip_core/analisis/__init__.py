"""Bab III analysis: the formulas of shared/spec/domain.md ("Computations") and what builds on them."""
