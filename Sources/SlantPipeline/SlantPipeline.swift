import SlantCore
