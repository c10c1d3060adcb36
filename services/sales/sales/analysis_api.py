"""HTTP surface of the analysis: gross margin, sales and the forecast, read-only for every signed-in role."""
from datetime import datetime, timezone

from flask_smorest import Blueprint

from erp_shared.web.app import database
from erp_shared.web.auth import requires_roles

from .analysis_queries import Period, gross_margin, sales, sales_forecast
from .analysis_schemas import (ForecastOut, ForecastQuery, GrossMarginOut, GrossMarginQuery, SalesOut,
                               SalesQuery)

analysis = Blueprint("analysis", __name__, description="Gross margin, sales and the sales forecast")


@analysis.route("/analysis/gross-margin", methods=["GET"])
@requires_roles()
@analysis.arguments(GrossMarginQuery, location="query")
@analysis.response(200, GrossMarginOut)
def gross_margin_report(query):
    """Revenue (invoice net by invoice date less credit note net by credit date) minus the cost inventory
    reported for the goods delivered (by the delivery's UTC day), per order, customer, item or month: for the
    same period it equals finance's 4000 − 5000."""
    return gross_margin(database(), query["group_by"], Period(query["date_from"], query["date_to"]))


@analysis.route("/analysis/sales", methods=["GET"])
@requires_roles()
@analysis.arguments(SalesQuery, location="query")
@analysis.response(200, SalesOut)
def sales_report(query):
    """Net sales (invoiced less credited), quantity invoiced and invoices per month, customer or item."""
    return sales(database(), query["group_by"], Period(query["date_from"], query["date_to"]))


@analysis.route("/analysis/forecast", methods=["GET"])
@requires_roles()
@analysis.arguments(ForecastQuery, location="query")
@analysis.response(200, ForecastOut)
def forecast(query):
    """Monthly invoiced quantity per item and its forecast, the method named: holt_linear with 3 months of
    history or more, simple_exponential_smoothing with 2, naive with 1; alpha and beta fitted on 0.1 … 0.9."""
    as_of = query["as_of"] or datetime.now(timezone.utc).date()
    return sales_forecast(database(), query["item_id"], query["months"], query["history"], as_of)


BLUEPRINTS = (analysis,)
