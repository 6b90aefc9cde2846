"""Slovenia's cycle-4 review (UPR Working Group session 48, 2025), real public UN documents, shipped with upr_lens
as the data package ``upr_lens.demo_review``: the default review of `upr-lens demo` (see corpora/MANIFEST.md)."""
