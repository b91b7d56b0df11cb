//! The assignment problem: give each row one column, all different, at the least total cost
//! (the Hungarian method with potentials, O(n³)).

/// For a square `cost` matrix, the column chosen for each row.
pub(crate) fn cheapest_assignment(cost: &[Vec<i64>]) -> Vec<usize> {
    let n = cost.len();
    if n == 0 {
        return Vec::new();
    }
    const INF: i64 = i64::MAX / 4;
    // 1-based arrays, as in the classic formulation: column 0 is a sentinel.
    let mut row_potential = vec![0i64; n + 1];
    let mut column_potential = vec![0i64; n + 1];
    let mut row_of_column = vec![0usize; n + 1];
    let mut way = vec![0usize; n + 1];
    for row in 1..=n {
        row_of_column[0] = row;
        let mut column = 0usize;
        let mut slack = vec![INF; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[column] = true;
            let current_row = row_of_column[column];
            let mut delta = INF;
            let mut next_column = 0usize;
            for candidate in 1..=n {
                if used[candidate] {
                    continue;
                }
                let reduced = cost[current_row - 1][candidate - 1]
                    - row_potential[current_row]
                    - column_potential[candidate];
                if reduced < slack[candidate] {
                    slack[candidate] = reduced;
                    way[candidate] = column;
                }
                if slack[candidate] < delta {
                    delta = slack[candidate];
                    next_column = candidate;
                }
            }
            for candidate in 0..=n {
                if used[candidate] {
                    row_potential[row_of_column[candidate]] += delta;
                    column_potential[candidate] -= delta;
                } else {
                    slack[candidate] -= delta;
                }
            }
            column = next_column;
            if row_of_column[column] == 0 {
                break;
            }
        }
        loop {
            let previous = way[column];
            row_of_column[column] = row_of_column[previous];
            column = previous;
            if column == 0 {
                break;
            }
        }
    }
    let mut column_of_row = vec![0usize; n];
    for column in 1..=n {
        if row_of_column[column] > 0 {
            column_of_row[row_of_column[column] - 1] = column - 1;
        }
    }
    column_of_row
}

#[cfg(test)]
mod tests {
    use super::cheapest_assignment;

    fn total(cost: &[Vec<i64>], choice: &[usize]) -> i64 {
        choice.iter().enumerate().map(|(r, &c)| cost[r][c]).sum()
    }

    fn brute_force(cost: &[Vec<i64>]) -> i64 {
        fn go(cost: &[Vec<i64>], row: usize, used: &mut Vec<bool>) -> i64 {
            if row == cost.len() {
                return 0;
            }
            let mut best = i64::MAX;
            for c in 0..cost.len() {
                if !used[c] {
                    used[c] = true;
                    best = best.min(cost[row][c] + go(cost, row + 1, used));
                    used[c] = false;
                }
            }
            best
        }
        go(cost, 0, &mut vec![false; cost.len()])
    }

    #[test]
    fn finds_the_cheapest_assignment() {
        let mut seed = 12345u64;
        for n in 1..=6 {
            for _ in 0..30 {
                let cost: Vec<Vec<i64>> = (0..n)
                    .map(|_| {
                        (0..n)
                            .map(|_| {
                                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
                                ((seed >> 33) % 50) as i64
                            })
                            .collect()
                    })
                    .collect();
                let choice = cheapest_assignment(&cost);
                let mut sorted = choice.clone();
                sorted.sort();
                assert_eq!(sorted, (0..n).collect::<Vec<_>>());
                assert_eq!(total(&cost, &choice), brute_force(&cost));
            }
        }
    }
}
