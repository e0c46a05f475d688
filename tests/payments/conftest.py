from tests.portal.test_access import objects  # noqa: F401 - the permission matrix's objects, for finance too
