tpl = t'value: {}'
