'é'; from __future__ import generator_stop, not_a_feature
