"""Relevance evaluation: a judged query set (``judgements``), nDCG/recall (``metrics``) and the
runner (``evaluate``) behind ``gongkai search_eval``."""
