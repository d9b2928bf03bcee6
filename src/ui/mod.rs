//! Small UI pieces every feature may use; they import nothing from the features.

pub(crate) mod badges;
pub(crate) mod dialog;
pub(crate) mod focus;
pub(crate) mod format;
pub(crate) mod intl;
pub(crate) mod words;
