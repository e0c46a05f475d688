"""Each route declares its permission once, where it is defined (accounts/access.py): a view body
never checks one itself, so reading the decorator tells the whole story of who may reach a page."""

import ast
import inspect
from pathlib import Path

from accounts.access import STAFF, STAFF_AREA
from tests.routes import all_routes

ROOT = Path(__file__).resolve().parents[2]
APPS = ["accounts", "members", "notifications", "recruitment", "meetings", "portal"]
# Calls that check a permission: `user.has_perm(...)`, the admin's `has_permission`, and the services'
# helper `require(actor, perm, obj)`.
CHECKS = {"has_perm", "has_perms", "has_permission", "require"}


def view_modules() -> list[Path]:
    found = []
    for app in APPS:
        found += [ROOT / app / "views.py"] if (ROOT / app / "views.py").exists() else []
        found += sorted((ROOT / app / "views").glob("*.py"))
    return found


def permission_checks(source: str) -> list[str]:
    """Where a function in this source checks a permission or refuses with PermissionDenied."""
    found = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Call):
                called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if called in CHECKS:
                    found.append(f"{function.name} (line {node.lineno}) calls {called}")
            if isinstance(node, ast.Raise) and node.exc is not None and "PermissionDenied" in ast.unparse(node.exc):
                found.append(f"{function.name} (line {node.lineno}) raises PermissionDenied")
    return found


def test_no_view_checks_a_permission_in_its_body():
    checks = [
        f"{path.relative_to(ROOT)}: {where}" for path in view_modules() for where in permission_checks(path.read_text())
    ]
    assert checks == [], "Declare the permission on the route instead (accounts.access):\n" + "\n".join(checks)


def test_the_check_finds_a_permission_checked_in_a_body():
    """The test above can fail: a view written the old way is caught."""
    old_way = """
def round_edit(request, pk):
    round_ = get_object_or_404(Round, pk=pk)
    if not request.user.has_perm("recruitment.manage_round", round_):
        raise Http404

def helper(request):
    raise PermissionDenied
"""
    assert permission_checks(old_way) == [
        "round_edit (line 4) calls has_perm",
        "helper (line 8) raises PermissionDenied",
    ]


def test_every_view_module_is_read():
    names = {str(path.relative_to(ROOT)) for path in view_modules()}
    assert {"members/views/writing.py", "meetings/views.py", "portal/views.py", "recruitment/views/intake.py"} <= names
    for route, name, callback in all_routes():
        module = inspect.getmodule(inspect.unwrap(callback))
        if module and module.__name__.split(".")[0] in APPS and not route.startswith("admin/"):
            path = Path(module.__file__).resolve()
            assert path in [p.resolve() for p in view_modules()], f"{name} is defined outside a views module"


# Staff pages every member of staff may see, whatever their role: the rest name a real permission.
STAFF_AREA_ONLY = {"portal:staff_home"}


def test_staff_routes_name_their_real_permission():
    only_area = {
        name
        for _, name, callback in all_routes()
        if getattr(callback, "access_rule", None) == STAFF and callback.access_perm == STAFF_AREA
    }
    assert only_area == STAFF_AREA_ONLY


def test_routes_acting_on_an_object_say_how_it_is_found():
    """A route with an id or slug in its URL either finds its object through its rule, or is about
    the signed-in person's own things (looked up through them) or public."""
    staff_without_lookup = sorted(
        name
        for route, name, callback in all_routes()
        if getattr(callback, "access_rule", None) == STAFF and ("<" in route) and callback.access_lookup is None
    )
    assert staff_without_lookup == []
