# The live server with the demo that the browser tests use, for the API's tests against a real server.
from tests.browser.conftest import live_demo, live_site  # noqa: F401
