"""Every form and filter class of the product, found by importing every module of its apps, so
that a test over them cannot miss a form module added later."""

from __future__ import annotations

import copy
import importlib
import pkgutil
import tomllib
from collections.abc import Iterator
from pathlib import Path

import django_filters
from django import forms

# The product's apps, as the import-linter contract lists them (a new app joins that list, so it
# joins this walk). Not config: settings, URLs and the Celery app hold no forms, and importing
# the production settings needs its secrets. Migrations and management commands hold none either.
_PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
_PACKAGES = tomllib.loads(_PYPROJECT.read_text())["tool"]["importlinter"]["root_packages"]
APPS = [name for name in _PACKAGES if name != "config"]
SKIPPED = (".migrations", ".management")
# Locust's entry point: importing it lets gevent patch the running process, which breaks a test
# run that has the benchmarks' extras installed (it holds no forms).
NOT_IMPORTED = {"bench.locustfile"}
# The benchmarks' extras (pyproject's `bench`), not installed to run the tests.
OPTIONAL = {"locust", "aiosmtpd", "gevent"}


def product_modules() -> list[str]:
    """The dotted name of every module of the product's apps, each imported."""
    names = []
    for app in APPS:
        package = importlib.import_module(app)
        names.append(app)
        for info in pkgutil.walk_packages(package.__path__, prefix=f"{app}."):
            if any(part in info.name for part in SKIPPED) or info.name in NOT_IMPORTED:
                continue
            try:
                importlib.import_module(info.name)
            except ModuleNotFoundError as error:
                if (error.name or "").split(".")[0] not in OPTIONAL:
                    raise
                continue
            names.append(info.name)
    return names


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _in_product(cls: type) -> bool:
    return cls.__module__.split(".")[0] in APPS


def form_classes() -> list[type]:
    """Every Form, ModelForm and FilterSet class declared in the product."""
    product_modules()
    found = {
        cls
        for base in (forms.BaseForm, django_filters.FilterSet)
        for cls in _subclasses(base)
        if _in_product(cls)
    }
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def declared_fields() -> list[tuple[str, forms.Field]]:
    """(Class.field, form field) for every declared field of every product form and filter."""
    found: list[tuple[str, forms.Field]] = []
    for cls in form_classes():
        if issubclass(cls, forms.BaseForm):
            fields = list(cls.base_fields.items())
        else:
            # A copy: reading `.field` caches the form field on the filter, and a cached
            # field on a base filter would outlive every FilterSet's own queryset.
            fields = [(key, copy.deepcopy(f).field) for key, f in cls.base_filters.items()]
        found += [(f"{cls.__module__}.{cls.__qualname__}.{key}", field) for key, field in fields]
    return found
