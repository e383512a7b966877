'label' = 5
