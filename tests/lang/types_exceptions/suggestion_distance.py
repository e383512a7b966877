# "Did you mean" distances: case-only edits are cheaper, distant or long names get no suggestion.
import sys

def show(obj, name):
    try:
        getattr(obj, name)
    except AttributeError as e:
        sys.excepthook(type(e), e, None)

class F:
    value = colour = abcdefghij = Value2 = 0
    spam = spma = smap = 0
for name in ('valeu', 'VALUE', 'Value', 'value2', 'color', 'colr', 'xyz', 'abcdefghjj',
             'ABCDEFGHIJ', 'vaLue2', 'sapm', 'spam_', 'Spam', 'spAM'):
    show(F, name)

class G:
    a = b = 0
for name in ('A', 'c', 'ab', 'aa'):
    show(G, name)

class H: pass
long_a = 'x' * 20 + 'a' * 45 + 'y'
near_a = 'p' + 'a' * 39 + 'q'
setattr(H, long_a, 0)
setattr(H, near_a, 0)
for name in ('x' * 20 + 'b' * 45 + 'y', 'p' + 'a' * 38 + 'bq', 'p' + 'A' * 39 + 'q',
             'p' + 'a' * 39 + 'qz'):
    show(H, name)

class Many: pass
for i in range(800):
    setattr(Many, 'n%d' % i, 0)
show(Many, 'n1x')
class Mid: pass
for i in range(700):
    setattr(Mid, 'n%d' % i, 0)
show(Mid, 'n1x')

class Uni:
    café = naïve = 0
for name in ('cafe', 'naive', 'CAFÉ', 'caf'):
    show(Uni, name)
