"""helpers.source: a handler's source with the request that reaches it, read from the app's routes."""

from __future__ import annotations

import pytest
from fastapi import APIRouter, FastAPI

import labapp.awaits
import labapp.upstream
from helpers import source
from helpers.errors import BadArgumentError
from labapp import contract


def test_a_handler_behind_a_contract_name_shows_its_path() -> None:
    text = source.of_handler(labapp.awaits.app, labapp.awaits.httpx_async)
    first, decorator = text.splitlines()[:2]
    assert first == f"# GET {contract.CALL_HTTPX_ASYNC}"
    assert decorator == "@router.get(contract.CALL_HTTPX_ASYNC)"  # the code itself no longer shows the URL
    assert "async def httpx_async" in text


def test_methods_and_an_included_prefix_come_from_the_routes() -> None:
    assert source.requests_to(labapp.upstream.app, labapp.upstream.reset_connections) == [
        f"POST {contract.CONNECTIONS_RESET}"
    ]
    router = APIRouter()

    @router.api_route("/item", methods=["GET", "PUT"])
    async def item() -> dict[str, int]:
        return {}

    app = FastAPI()
    app.include_router(router, prefix="/v1")
    assert source.requests_to(app, item) == ["GET /v1/item", "PUT /v1/item"]


def test_a_function_that_is_no_handler_is_named_in_the_error() -> None:
    with pytest.raises(BadArgumentError, match="_slow_query is not a handler of this app"):
        source.of_handler(labapp.awaits.app, labapp.awaits._slow_query)
