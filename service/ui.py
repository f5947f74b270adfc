"""The analyst web UI blueprint (home, area, compare, query, ontology pages)."""

from flask import Blueprint

bp = Blueprint("ui", __name__, template_folder="templates")
