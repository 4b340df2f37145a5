print("slant")
