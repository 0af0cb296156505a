"""Employee login through the organisation's own OpenID Connect identity provider
(docs/oidc.md). Part of the platform: it imports regie.core, never a domain app."""
