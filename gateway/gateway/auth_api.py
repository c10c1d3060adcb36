"""Sign-in and user administration: `/api/auth/...`, the only business of the gateway's own database."""
from __future__ import annotations

import logging

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import AuthError, current_principal, requires_roles

from . import identity
from .models import User
from .schemas import PrincipalOut, RolesUpdate, TokenOut, TokenRequest, UserCreate, UserOut
from .tokens import issue_token

log = logging.getLogger(__name__)

URL_PREFIX = "/api/auth"
WRONG_CREDENTIALS = "the username or password is wrong"

# Its own blueprint, so the login rate limit (see ratelimit.py) covers exactly this endpoint.
tokens = Blueprint("tokens", __name__, url_prefix=URL_PREFIX,
                   description="Sign in: trade a username and password for a bearer token")
users = Blueprint("users", __name__, url_prefix=URL_PREFIX,
                  description="User administration (admin) and the caller's own identity")


@tokens.route("/token", methods=["POST"])
@tokens.doc(security=[])
@tokens.arguments(TokenRequest)
@tokens.response(200, TokenOut)
@tokens.alt_response(401, description="wrong username or password")
@tokens.alt_response(429, description="too many sign-in attempts from this address; see Retry-After")
def issue_access_token(credentials):
    settings = current_app.config["ERP_SETTINGS"]
    with database().unit_of_work() as session:
        user = identity.authenticate(session, credentials["username"], credentials["password"])
        if user is None:
            log.info("sign-in refused", extra={"username": credentials["username"]})
            raise AuthError(401, WRONG_CREDENTIALS)
        issued = issue_token(settings, user_id=user.id, username=user.username, roles=user.role_names)
    log.info("token issued", extra={"username": user.username, "user_id": str(user.id)})
    return issued


def present(user: User) -> dict:
    return {"id": user.id, "username": user.username, "roles": user.role_names, "active": user.active,
            "created_at": user.created_at}


@users.route("/users")
class Users(MethodView):
    @requires_roles("admin")
    @users.response(200, UserOut(many=True))
    @users.paginate()
    def get(self, pagination_parameters):
        with database().unit_of_work() as session:
            rows, total = identity.list_users(session, page=pagination_parameters.page,
                                              page_size=pagination_parameters.page_size)
            pagination_parameters.item_count = total
            return [present(user) for user in rows]

    @requires_roles("admin")
    @users.arguments(UserCreate)
    @users.response(201, UserOut)
    def post(self, values):
        with database().unit_of_work() as session:
            return present(identity.create_user(session, values["username"], values["password"], values["roles"]))


@users.route("/users/<uuid:user_id>/roles", methods=["PUT"])
@requires_roles("admin")
@users.arguments(RolesUpdate)
@users.response(200, UserOut)
def replace_roles(values, user_id):
    with database().unit_of_work() as session:
        return present(identity.set_roles(session, user_id, values["roles"]))


@users.route("/users/<uuid:user_id>/deactivate", methods=["POST"])
@requires_roles("admin")
@users.response(200, UserOut)
def deactivate(user_id):
    with database().unit_of_work() as session:
        return present(identity.deactivate_user(session, user_id))


@users.route("/me")
@requires_roles()
@users.response(200, PrincipalOut)
def me():
    principal = current_principal()
    return {"id": principal.subject, "username": principal.username, "roles": sorted(principal.roles)}
