"""Reader: an offline news reader for comparing how outlets cover the same story.

The package root stays import-light: the GUI and the NLP pipeline are imported only when used.
"""

import os

# numpy's OpenBLAS starts a thread per core for every matrix product. Reader's are small
# (a few hundred sentences or words a side), where the threads cost more than they give:
# on the 2 cores a story view spent a third of its CPU time in them, and twice the wall time
# when other work shares the cores. One thread, unless the user asks for more. It must be
# set before numpy is first imported, hence here.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
