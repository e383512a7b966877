# -*- coding: latin-1 -*-
s = "ÿþ"
