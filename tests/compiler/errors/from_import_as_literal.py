from os import sep as 5
