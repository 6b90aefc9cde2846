"""The trained models shipped with upr_lens, installed as the data package ``upr_lens.trained_models``."""
