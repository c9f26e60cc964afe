"""One intake batch step by step, in plain Python: what ``assets`` wraps and ``cli`` runs."""
