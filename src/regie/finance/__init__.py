"""Financiële ontzorging, payment runs (SEPA), the money training and the inburgering
budget with forecasts (issue 4; seed §2.3, §3.5 and §7)."""
