#!/usr/bin/env python
# coding: bogus-codec
x = 1
