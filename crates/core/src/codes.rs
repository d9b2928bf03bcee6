//! The error codes of the hub API (`ErrorBody::code`) that the page acts on, as kinds it
//! matches on; their wire names are `said::Code`'s, the one list of what the hub says.

use crate::said::Code;

/// Why a 424 came back: the MCP server failed, the hub did not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum McpErrorCode {
    Unreachable,
    Timeout,
    Unauthorized,
    NotMcp,
    Protocol,
    ServerError,
    BadHeader,
}

impl McpErrorCode {
    pub const ALL: [McpErrorCode; 7] = [
        McpErrorCode::Unreachable,
        McpErrorCode::Timeout,
        McpErrorCode::Unauthorized,
        McpErrorCode::NotMcp,
        McpErrorCode::Protocol,
        McpErrorCode::ServerError,
        McpErrorCode::BadHeader,
    ];

    /// What the hub says for it.
    pub fn said(self) -> Code {
        match self {
            McpErrorCode::Unreachable => Code::McpUnreachable,
            McpErrorCode::Timeout => Code::McpTimeout,
            McpErrorCode::Unauthorized => Code::McpUnauthorized,
            McpErrorCode::NotMcp => Code::McpNotMcp,
            McpErrorCode::Protocol => Code::McpProtocolError,
            McpErrorCode::ServerError => Code::McpServerError,
            McpErrorCode::BadHeader => Code::McpBadHeader,
        }
    }

    pub fn as_str(self) -> &'static str {
        self.said().as_str()
    }

    pub fn from_code(code: &str) -> Option<McpErrorCode> {
        McpErrorCode::ALL.into_iter().find(|c| c.as_str() == code)
    }
}

/// A 424 on deleting a connection: its authorization server did not revoke the sign-in, so
/// nothing was deleted (deleting again with `revoke=false` skips the revocation).
pub const REVOCATION_FAILED: &str = Code::RevocationFailed.as_str();

/// A sign-in (a Reconnect) that finished after its connection moved to another address: its
/// grant was issued for the old address, so it was not used (the flow fails with this code).
pub const ADDRESS_CHANGED: &str = Code::AddressChanged.as_str();

/// What a 404 says is missing, so the page can say which.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Missing {
    Hub,
    Connection,
    /// A connection's connector left the hub's catalog.
    Connector,
    OauthFlow,
    /// No such endpoint, or a 404 without a code this page knows.
    Other,
}

impl Missing {
    pub const ALL: [Missing; 5] = [
        Missing::Hub,
        Missing::Connection,
        Missing::Connector,
        Missing::OauthFlow,
        Missing::Other,
    ];

    /// What the hub says for it.
    pub fn said(self) -> Code {
        match self {
            Missing::Hub => Code::HubNotFound,
            Missing::Connection => Code::ConnectionNotFound,
            Missing::Connector => Code::ConnectorNotFound,
            Missing::OauthFlow => Code::OauthFlowNotFound,
            Missing::Other => Code::NotFound,
        }
    }

    pub fn as_str(self) -> &'static str {
        self.said().as_str()
    }

    pub fn from_code(code: &str) -> Missing {
        Missing::ALL
            .into_iter()
            .find(|m| m.as_str() == code)
            .unwrap_or(Missing::Other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_as_themselves() {
        for code in McpErrorCode::ALL {
            assert_eq!(McpErrorCode::from_code(code.as_str()), Some(code));
        }
        assert_eq!(McpErrorCode::from_code("mcp_other"), None);
        for missing in Missing::ALL {
            assert_eq!(Missing::from_code(missing.as_str()), missing);
        }
        assert_eq!(Missing::from_code("gone"), Missing::Other);
    }
}
