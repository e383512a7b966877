# Explicit chaining: "The above exception was the direct cause of the following exception".
def load():
    try:
        return {}["config"]
    except KeyError as e:
        raise RuntimeError("could not load") from e
load()
