"""Blueprints and the app know their folder: ``service/`` (templates, static files).

Flask finds an app's or a blueprint's root folder from its import name, and cannot when the top of that name
is a namespace package mapped by an editable install (``sgkg`` here: ``sgkg.service`` is the folder
``service/``). Every blueprint is made here with its root given, so the lookup never runs.
"""

from __future__ import annotations

import os
import sys

from flask import Blueprint

ROOT = os.path.dirname(os.path.abspath(__file__))


def blueprint(name: str, import_name: str, **options) -> Blueprint:
    """A blueprint of the service, rooted at ``service/``."""
    return Blueprint(name, import_name, root_path=ROOT, **options)


def instance_path() -> str:
    """The app's instance folder where Flask would look for it (it cannot find it under a namespace package):
    ``<prefix>/var/sgkg.service-instance`` when installed, else ``instance/`` in the project's folder."""
    parent = os.path.dirname(ROOT)
    if os.path.basename(parent) == "sgkg":  # installed: .../site-packages/sgkg/service
        return os.path.join(sys.prefix, "var", "sgkg.service-instance")
    return os.path.join(parent, "instance")
