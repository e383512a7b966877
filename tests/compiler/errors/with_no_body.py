with ctx:
use()
