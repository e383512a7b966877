f"{x:{y!r}=}" t"{{}}" rb"\x" 0x_1j
