"""The synthetic demo corpus shipped with upr_lens, installed as the data package ``upr_lens.demo_corpus``."""
