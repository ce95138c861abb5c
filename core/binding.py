def find_best_match(*a, **k): raise NotImplementedError
