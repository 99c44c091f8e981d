import pytest

from tests.site.development_server import build_demo


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory):
    """The demo as `make run` builds it, built once: the modules that serve it each serve a copy."""
    folder = tmp_path_factory.mktemp("demo")
    build_demo(folder)
    return folder
