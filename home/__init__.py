"""The signed-in person's home page: a work queue per role, over the other apps' selectors.

It sits on the floor above minutes/ and actions/ (it reads them all) and below config/.
"""
