//! The layout on hand-built bodies: what a Word or Excel reader gives, without a file.

use super::*;
use crate::office::{Cell, Row, Table};
