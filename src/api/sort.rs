//! The list's order: which column and which direction, as the OMS spells it in `sort`.

/// A sortable column, as the OMS names it in `sort`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortField {
    /// `id`
    Id,
    /// `created_date`
    CreatedDate,
    /// `modified_date`
    ModifiedDate,
    /// `stock_location`
    StockLocation,
    /// `reason`
    Reason,
}

impl SortField {
    /// The OMS parameter name.
    pub fn as_str(self) -> &'static str {
        match self {
            SortField::Id => "id",
            SortField::CreatedDate => "created_date",
            SortField::ModifiedDate => "modified_date",
            SortField::StockLocation => "stock_location",
            SortField::Reason => "reason",
        }
    }

    fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "id" => SortField::Id,
            "created_date" => SortField::CreatedDate,
            "modified_date" => SortField::ModifiedDate,
            "stock_location" => SortField::StockLocation,
            "reason" => SortField::Reason,
            _ => return None,
        })
    }

    /// Newest first for ids and dates, A→Z / low→high otherwise: what a first click wants.
    fn descending_by_default(self) -> bool {
        matches!(self, SortField::Id | SortField::CreatedDate | SortField::ModifiedDate)
    }
}

/// A sort order: a field and a direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Sort {
    /// The column.
    pub field: SortField,
    /// True for `-field`.
    pub descending: bool,
}

impl Sort {
    /// The OMS default order, `-id`.
    pub const DEFAULT: Sort = Sort {
        field: SortField::Id,
        descending: true,
    };

    /// Reads `created_date` / `-created_date`; unknown fields give `None` (the server ignores them too).
    pub fn parse(value: &str) -> Option<Sort> {
        let (descending, name) = match value.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, value),
        };
        SortField::parse(name).map(|field| Sort { field, descending })
    }

    /// The `sort` parameter value.
    pub fn to_param(self) -> String {
        format!("{}{}", if self.descending { "-" } else { "" }, self.field.as_str())
    }

    /// What clicking `field`'s header gives: flip the direction of the current column,
    /// or start another column in its natural direction.
    pub fn toggled(self, field: SortField) -> Sort {
        if self.field == field {
            Sort {
                field,
                descending: !self.descending,
            }
        } else {
            Sort {
                field,
                descending: field.descending_by_default(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_toggles_direction_then_switches_column() {
        let s = Sort::DEFAULT;
        assert_eq!(s.toggled(SortField::Id).to_param(), "id");
        assert_eq!(s.toggled(SortField::Reason).to_param(), "reason");
        assert_eq!(s.toggled(SortField::CreatedDate).to_param(), "-created_date");
        assert_eq!(
            Sort::parse("-created_date")
                .unwrap()
                .toggled(SortField::CreatedDate)
                .to_param(),
            "created_date"
        );
        assert_eq!(Sort::parse(""), None);
    }
}
